# nlohmann/json and Catch2 come from Debian packages. em++ must never see
# -I/usr/include (glibc headers break it), so both are exposed through a build-dir
# folder holding only symlinks to their header directories.
find_path(OSPREY_NLOHMANN_DIR nlohmann/json.hpp PATHS /usr/include
          NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH REQUIRED)
find_path(OSPREY_CATCH2_DIR catch2/catch.hpp PATHS /usr/include
          NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH)

set(OSPREY_THIRD_PARTY_INCLUDE ${CMAKE_BINARY_DIR}/third_party_include)
file(MAKE_DIRECTORY ${OSPREY_THIRD_PARTY_INCLUDE})
file(CREATE_LINK ${OSPREY_NLOHMANN_DIR}/nlohmann ${OSPREY_THIRD_PARTY_INCLUDE}/nlohmann
     SYMBOLIC)
if(OSPREY_CATCH2_DIR)
  file(CREATE_LINK ${OSPREY_CATCH2_DIR}/catch2 ${OSPREY_THIRD_PARTY_INCLUDE}/catch2 SYMBOLIC)
endif()

add_library(osprey_third_party INTERFACE)
target_include_directories(osprey_third_party SYSTEM INTERFACE ${OSPREY_THIRD_PARTY_INCLUDE})
