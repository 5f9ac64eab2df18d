// Small C helpers the Swift side cannot reach directly (memmem needs _GNU_SOURCE on glibc).
#define _GNU_SOURCE
#include <string.h>
#include "csupport.h"

const void *rubric_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length) {
    return memmem(haystack, haystack_length, needle, needle_length);
}
