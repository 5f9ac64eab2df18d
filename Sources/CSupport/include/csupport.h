#ifndef RUBRIC_CSUPPORT_H
#define RUBRIC_CSUPPORT_H

#include <stddef.h>

/// memmem(3): the first occurrence of needle in haystack, or NULL. The C library's two-way
/// matching is linear in the input, whatever the needle.
const void *rubric_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);

#endif
