/* One Snowball stemmer as a wasm module of its own, without Emscripten's JS
 * glue (-sSTANDALONE_WASM, no imports): web/engine/stem/<algorithm>.wasm, built
 * once per algorithm (wasm/CMakeLists.txt: OSPREY_STEM_ALGORITHM=<algorithm>)
 * from Snowball's runtime and that algorithm's generated C. The engine reaches
 * it through Module.ospreyStem (web/widget/stemmer.js).
 *
 * Exports: memory and
 *   unsigned char* osprey_stem_buffer(int size): room for a word of size bytes
 *     (NULL: out of memory); valid until the next call.
 *   int osprey_stem(int size): stems the word in the buffer; returns the stem's
 *     length (-1: out of memory), the stem at osprey_stem_result().
 *   const unsigned char* osprey_stem_result(void)
 * One word at a time: the module's JS caller is single-threaded. */
#include <stdlib.h>

#include "runtime/api.h"

#define OSPREY_JOIN3(a, b, c) a##b##c
#define OSPREY_FUNCTION(algorithm, what) OSPREY_JOIN3(algorithm, _UTF_8_, what)
#define OSPREY_CREATE OSPREY_FUNCTION(OSPREY_STEM_ALGORITHM, create_env)
#define OSPREY_CLOSE OSPREY_FUNCTION(OSPREY_STEM_ALGORITHM, close_env)
#define OSPREY_STEM OSPREY_FUNCTION(OSPREY_STEM_ALGORITHM, stem)

extern struct SN_env* OSPREY_CREATE(void);
extern void OSPREY_CLOSE(struct SN_env* z);
extern int OSPREY_STEM(struct SN_env* z);

static unsigned char* buffer = NULL;
static int buffer_size = 0;
static struct SN_env* env = NULL;

unsigned char* osprey_stem_buffer(int size) {
  if (size < 0) return NULL;
  if (buffer == NULL || size > buffer_size) {
    unsigned char* grown = (unsigned char*)realloc(buffer, size > 0 ? (size_t)size : 1);
    if (grown == NULL) return NULL;
    buffer = grown;
    buffer_size = size;
  }
  return buffer;
}

int osprey_stem(int size) {
  if (buffer == NULL || size < 0 || size > buffer_size) return -1;
  if (env == NULL && (env = OSPREY_CREATE()) == NULL) return -1;
  if (SN_set_current(env, size, buffer) != 0 || OSPREY_STEM(env) < 0) return -1;
  return env->l;
}

const unsigned char* osprey_stem_result(void) { return env != NULL ? env->p : buffer; }
