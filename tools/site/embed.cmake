# Writes OUT, a C++ file defining `extern const char NAME[]` with the bytes of
# IN (a text file), without any substitution.
# usage: cmake -DIN=file -DOUT=file.cpp -DNAME=kName -DNAMESPACE=ns -P embed.cmake
file(READ ${IN} content)
string(FIND "${content}" ")osprey_embed\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw-string delimiter )osprey_embed\"")
endif()
file(WRITE ${OUT}.tmp
  "// Generated from ${IN} by tools/site/embed.cmake; do not edit.\n"
  "namespace ${NAMESPACE} {\n"
  "extern const char ${NAME}[];\n"
  "const char ${NAME}[] = R\"osprey_embed(${content})osprey_embed\";\n"
  "}\n")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.tmp)
