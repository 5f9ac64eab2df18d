// Small C helpers the Swift side cannot reach directly (memmem and memrchr need _GNU_SOURCE
// on glibc), and substring search built on the C library's vectorized memchr.
#define _GNU_SOURCE
#include <string.h>
#include "csupport.h"

/// False candidates (first byte found, rest different) tolerated before `rubric_find` hands
/// the rest of the search to memmem: a constant, so the extra work is at most this many
/// comparisons of the needle and the search stays linear whatever the input.
#define RUBRIC_FIND_FALSE_CANDIDATES 32

const void *rubric_find(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length) {
    if (needle_length == 0) return haystack;
    if (needle_length > haystack_length) return NULL;
    const unsigned char *text = haystack, *pattern = needle;
    const unsigned char *position = text;
    const unsigned char *last_start = text + (haystack_length - needle_length);
    int false_candidates = 0;
    while (position <= last_start) {
        const unsigned char *candidate = memchr(position, pattern[0], (size_t)(last_start - position) + 1);
        if (candidate == NULL) return NULL;
        if (memcmp(candidate + 1, pattern + 1, needle_length - 1) == 0) return candidate;
        position = candidate + 1;
        if (++false_candidates > RUBRIC_FIND_FALSE_CANDIDATES) {
            return memmem(position, (size_t)(text + haystack_length - position), needle, needle_length);
        }
    }
    return NULL;
}

const void *rubric_memrchr(const void *haystack, int byte, size_t haystack_length) {
    return memrchr(haystack, byte, haystack_length);
}

size_t rubric_utf8_continuation_count(const void *bytes, size_t count) {
    const unsigned char *text = bytes;
    size_t total = 0;
    // Blocks of at most 240 bytes are counted in an 8-bit sum, which cannot overflow there;
    // with byte-wide sums the compiler adds 16 or 32 flags per vector instruction.
    for (size_t start = 0; start < count; start += 240) {
        size_t end = count - start < 240 ? count : start + 240;
        unsigned char block = 0;
        for (size_t index = start; index < end; index++) block += (text[index] & 0xC0) == 0x80;
        total += block;
    }
    return total;
}

int rubric_utf8_is_ascii(const void *bytes, size_t count) {
    const unsigned char *text = bytes;
    unsigned char any = 0;
    for (size_t index = 0; index < count; index++) any |= text[index];
    return any < 0x80;
}
