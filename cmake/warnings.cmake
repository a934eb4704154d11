# Flags live on targets. osprey_flags carries warnings, exceptions and sanitizers.
add_library(osprey_flags INTERFACE)
target_compile_options(osprey_flags INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                              -Wno-missing-field-initializers)
if(EMSCRIPTEN)
  # Catchable exceptions (nlohmann parse errors, Catch2 REQUIRE) at no speed cost.
  target_compile_options(osprey_flags INTERFACE -fwasm-exceptions)
  target_link_options(osprey_flags INTERFACE -fwasm-exceptions)
endif()
if(OSPREY_SANITIZE)
  target_compile_options(osprey_flags INTERFACE -fsanitize=address,undefined
                                                -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(osprey_flags INTERFACE -fsanitize=address,undefined)
endif()
