/*
 * rubric.h: the C interface of Rubric, an embeddable reward language.
 *
 * Compile a rubric once, then evaluate batches of samples with it from any number of threads.
 * Everything crosses the interface as UTF-8 JSON text:
 *
 *   rubric_program *program = NULL;
 *   char *diagnostics = NULL, *error = NULL;
 *   if (rubric_compile(source, strlen(source), "r1.rubric", NULL, &program, &diagnostics, &error)
 *       != RUBRIC_OK) { fprintf(stderr, "%s\n", error); ... }
 *   char *records = NULL; size_t length = 0;
 *   rubric_evaluate(program, samples, strlen(samples), NULL, &records, &length, &error);
 *   ... one JSON record per sample, one per line ...
 *   rubric_string_free(records); rubric_string_free(diagnostics); rubric_program_free(program);
 *
 * Conventions:
 * - Every function that can fail returns a rubric_status and never aborts on bad input: NULL
 *   pointers, invalid UTF-8, malformed JSON and out-of-range options are reported as statuses.
 * - On failure, when `out_error` is not NULL, *out_error receives a message (UTF-8, NUL
 *   terminated) that the caller frees with rubric_string_free; on success it is set to NULL.
 * - Every `char **out_…` result is allocated by the library, NUL terminated, and freed by the
 *   caller with rubric_string_free. Outputs are set to NULL when there is nothing to return.
 * - Source and sample text is passed as (pointer, length) and must be UTF-8; option strings
 *   are NUL-terminated JSON objects, and NULL means "no options".
 * - A rubric_program is immutable once compiled except for its limits, and every function may
 *   be called on it from several threads at once. Free it once, after the last call returns.
 */
#ifndef RUBRIC_H
#define RUBRIC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this interface; it changes when a function's meaning changes. */
#define RUBRIC_ABI_VERSION 1

/* A compiled rubric. */
typedef struct rubric_program rubric_program;

/* What a call did. */
typedef enum rubric_status {
    RUBRIC_OK = 0,
    /* The rubric has errors; the diagnostics output lists them. */
    RUBRIC_COMPILE_ERROR = 1,
    /* A required pointer was NULL, or a length was impossible. */
    RUBRIC_NULL_ARGUMENT = 2,
    /* Source, samples or options were not valid UTF-8. */
    RUBRIC_INVALID_UTF8 = 3,
    /* Samples or options were not valid JSON (or not of the expected shape). */
    RUBRIC_INVALID_JSON = 4,
    /* An option or limit was unknown, of the wrong type or out of range. */
    RUBRIC_INVALID_OPTION = 5
} rubric_status;

/* The library's version, e.g. "0.1.0" (a static string: do not free). */
const char *rubric_version(void);

/* RUBRIC_ABI_VERSION as compiled into the library. */
int rubric_abi_version(void);

/* A static name for a status, e.g. "invalid_json" (do not free). */
const char *rubric_status_name(rubric_status status);

/*
 * Parses, checks and compiles a rubric.
 * options_json: NULL or {"limits": {...}} (see rubric_limits_get for the keys).
 * On RUBRIC_OK, *out_program is the compiled program; on RUBRIC_COMPILE_ERROR it is NULL.
 * In both cases *out_diagnostics (if not NULL) receives a JSON array of diagnostics (warnings
 * on success), each {"code","severity","message","file","line","column","end_line",
 * "end_column","source_line","notes"}; *out_error receives them rendered as text on failure.
 */
rubric_status rubric_compile(const char *source, size_t source_length, const char *name,
                             const char *options_json, rubric_program **out_program,
                             char **out_diagnostics, char **out_error);

/*
 * Checks a rubric without keeping the program: *out_diagnostics receives the JSON array of
 * every diagnostic. Returns RUBRIC_OK when there are no errors (warnings allowed) and
 * RUBRIC_COMPILE_ERROR when there are.
 */
rubric_status rubric_check(const char *source, size_t source_length, const char *name,
                           const char *options_json, char **out_diagnostics, char **out_error);

/* Releases a program (NULL is ignored). */
void rubric_program_free(rubric_program *program);

/*
 * Describes a program as JSON: {"file","name","description","inputs":[{"name","path","type",
 * "has_default"}],"scores":[...],"uses_groups","uses_batch","group_key","fallback"}.
 */
rubric_status rubric_program_info(const rubric_program *program, char **out_info, char **out_error);

/*
 * Evaluates a batch. `samples` is a JSON array of objects, or JSON Lines (one object per line;
 * blank lines are skipped), told apart by the first non-blank byte ('[' for an array).
 * options_json: NULL or an object with any of
 *   "map":      {"input": "dotted.path", ...}  read an input from another field;
 *   "group_by": "dotted.path"   samples with equal values there form a group;
 *   "groups":   [int, ...]      a group id per sample (not with group_by);
 *   "jobs":     n               threads for this batch (default 1; 0 means one per core);
 *   "output":   "jsonl" | "json"  records one per line (default) or as one JSON array.
 * Group options apply when the rubric declares no `group = ...` of its own.
 * *out_results receives one record per sample, in order, each
 * {"reward":…,"scores":{…}[,"steps":[…]][,"latent":{…}],"error":null|{"code","message","line","column"}}
 * (as `rubric eval` writes them); *out_length (if not NULL) its length in bytes. A sample that
 * fails, including a JSON Lines line that does not parse, gets a record with its error: N
 * samples in, N records out.
 */
rubric_status rubric_evaluate(rubric_program *program, const char *samples, size_t samples_length,
                              const char *options_json, char **out_results, size_t *out_length,
                              char **out_error);

/*
 * The limits a program evaluates with, as a JSON object; with program NULL, the defaults.
 * Keys: fuel, memory_bytes, deadline_ms, regex_match_limit, regex_depth_limit,
 * regex_heap_limit_kib, regex_jit_stack_bytes, regex_jit, max_value_depth, max_output_bytes,
 * max_source_bytes, max_nesting.
 */
rubric_status rubric_limits_get(const rubric_program *program, char **out_limits, char **out_error);

/*
 * Changes some limits of a program for the evaluations that start afterwards: a JSON object
 * with any of the keys above except max_source_bytes and max_nesting, which apply only when
 * compiling (give them to rubric_compile). Nothing changes when any key is invalid.
 */
rubric_status rubric_limits_set(rubric_program *program, const char *limits_json, char **out_error);

/* Releases a string returned by this library (NULL is ignored). */
void rubric_string_free(char *text);

#ifdef __cplusplus
}
#endif

#endif /* RUBRIC_H */
