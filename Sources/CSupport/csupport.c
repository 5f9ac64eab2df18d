// Small C helpers the Swift side cannot reach directly (memmem and memrchr need _GNU_SOURCE
// on glibc), and substring search built on the C library's vectorized memchr.
#define _GNU_SOURCE
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
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

/// True for the bytes that end a run of plain JSON string content.
static inline int rubric_json_special(unsigned char byte) {
    return byte == '"' || byte == '\\' || byte < 0x20;
}

size_t rubric_json_plain_run_end(const void *bytes, size_t start, size_t count) {
    const unsigned char *text = bytes;
    size_t offset = start;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    const __m128i below_space = _mm_set1_epi8(0x1F);
    // A byte below 0x20 is one whose unsigned minimum with 0x1F is itself.
#define RUBRIC_SPECIAL(chunk) _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)), \
                                           _mm_cmpeq_epi8(_mm_min_epu8(chunk, below_space), chunk))
    // Long runs: 64 bytes per step, one mask test for all four vectors.
    while (offset + 64 <= count) {
        const __m128i *block = (const __m128i *)(text + offset);
        __m128i any = _mm_or_si128(_mm_or_si128(RUBRIC_SPECIAL(_mm_loadu_si128(block)), RUBRIC_SPECIAL(_mm_loadu_si128(block + 1))),
                                   _mm_or_si128(RUBRIC_SPECIAL(_mm_loadu_si128(block + 2)), RUBRIC_SPECIAL(_mm_loadu_si128(block + 3))));
        if (_mm_movemask_epi8(any) != 0) break;
        offset += 64;
    }
    while (offset + 16 <= count) {
        int mask = _mm_movemask_epi8(RUBRIC_SPECIAL(_mm_loadu_si128((const __m128i *)(text + offset))));
        if (mask != 0) return offset + (size_t)__builtin_ctz((unsigned)mask);
        offset += 16;
    }
#undef RUBRIC_SPECIAL
#endif
    while (offset < count && !rubric_json_special(text[offset])) offset++;
    return offset;
}
