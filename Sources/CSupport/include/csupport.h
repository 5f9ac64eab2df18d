#ifndef RUBRIC_CSUPPORT_H
#define RUBRIC_CSUPPORT_H

#include <stddef.h>

/// The first occurrence of needle in haystack, or NULL (haystack itself for an empty needle).
/// Candidates are found with memchr on the needle's first byte, which is many times faster
/// than memmem when that byte is rare (tags, LaTeX commands); after a few dozen false
/// candidates the rest of the search is left to memmem, so it stays linear in the input.
const void *rubric_find(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);

/// memrchr(3): the last occurrence of byte in the first haystack_length bytes, or NULL.
const void *rubric_memrchr(const void *haystack, int byte, size_t haystack_length);

/// The number of UTF-8 continuation bytes (10xxxxxx) among the first count bytes: a string's
/// byte count minus this is its number of Unicode scalars. A plain loop the C compiler
/// turns into vector instructions.
size_t rubric_utf8_continuation_count(const void *bytes, size_t count);

/// 1 when none of the first count bytes has its top bit set (the text is ASCII), else 0.
/// Reads every byte, with no early exit, so the compiler can OR whole vectors together.
int rubric_utf8_is_ascii(const void *bytes, size_t count);

/// The offset of the first byte at or after start, among the first count bytes, that ends a
/// run of plain JSON string content: a quote, a backslash or a control byte (below 0x20);
/// count when there is none. Sixteen bytes are compared at once where SSE2 is available.
size_t rubric_json_plain_run_end(const void *bytes, size_t start, size_t count);

#endif
