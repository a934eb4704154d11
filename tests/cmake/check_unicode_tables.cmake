# Runs the generator into OUT and fails unless it equals CHECKED_IN byte for byte.
execute_process(
  COMMAND ${GEN} /usr/share/unicode/UnicodeData.txt /usr/share/unicode/CaseFolding.txt ${OUT}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gen_unicode_tables failed (${rc}); is Debian's unicode-data installed?")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT} ${CHECKED_IN} RESULT_VARIABLE diff)
if(NOT diff EQUAL 0)
  message(FATAL_ERROR "src/search/text/unicode_tables.cpp differs from a fresh generation (${OUT}); "
                      "regenerate it with gen_unicode_tables")
endif()
message(STATUS "unicode tables match a fresh generation")
