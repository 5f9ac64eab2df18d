/* Exercises rubric.h from C: compile, evaluate a batch (JSON Lines and a JSON array), errors
 * as statuses, limits, and one program shared by four threads. Prints "ok" and exits 0 when
 * every check holds; prints the failed check and exits 1 otherwise. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rubric.h"

static int failures = 0;

#define CHECK(condition)                                                   \
    do {                                                                   \
        if (!(condition)) {                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
            failures++;                                                    \
        }                                                                  \
    } while (0)

static const char *SOURCE =
    "input completion: string\n"
    "input answer: string\n"
    "score correct = strip(completion) == strip(answer)\n"
    "reward = correct\n";

static const char *SAMPLES =
    "{\"completion\": \" 4\", \"answer\": \"4\"}\n"
    "{\"completion\": \"5\", \"answer\": \"4\"}\n"
    "not json\n";

static const char *EXPECTED =
    "{\"reward\":1.0,\"scores\":{\"correct\":1.0},\"error\":null}\n"
    "{\"reward\":0.0,\"scores\":{\"correct\":0.0},\"error\":null}\n";

struct worker {
    rubric_program *program;
    int matched;
};

/* Evaluates the samples 50 times and counts the outputs equal to the expected records. */
static void *evaluate_many(void *argument) {
    struct worker *worker = argument;
    for (int round = 0; round < 50; round++) {
        char *results = NULL;
        size_t length = 0;
        if (rubric_evaluate(worker->program, SAMPLES, strlen(SAMPLES), NULL, &results, &length, NULL) == RUBRIC_OK
            && strncmp(results, EXPECTED, strlen(EXPECTED)) == 0 && strlen(results) == length)
            worker->matched++;
        rubric_string_free(results);
    }
    return NULL;
}

int main(void) {
    CHECK(rubric_abi_version() == RUBRIC_ABI_VERSION);
    CHECK(strcmp(rubric_version(), "0.1.0") == 0);
    CHECK(strcmp(rubric_status_name(RUBRIC_INVALID_JSON), "invalid_json") == 0);

    rubric_program *program = NULL;
    char *diagnostics = NULL, *error = NULL;
    CHECK(rubric_compile(SOURCE, strlen(SOURCE), "c.rubric", NULL, &program, &diagnostics, &error) == RUBRIC_OK);
    CHECK(program != NULL && error == NULL && strcmp(diagnostics, "[]") == 0);
    rubric_string_free(diagnostics);

    char *results = NULL;
    size_t length = 0;
    CHECK(rubric_evaluate(program, SAMPLES, strlen(SAMPLES), NULL, &results, &length, &error) == RUBRIC_OK);
    CHECK(results != NULL && strncmp(results, EXPECTED, strlen(EXPECTED)) == 0);
    CHECK(results != NULL && strstr(results, "\"code\":\"E1003\",\"message\":\"input line 3:") != NULL);
    CHECK(length == strlen(results));
    rubric_string_free(results);

    const char *array = "[{\"completion\": \"4\", \"answer\": \"4\"}]";
    CHECK(rubric_evaluate(program, array, strlen(array), "{\"output\": \"json\", \"jobs\": 2}", &results, NULL, NULL)
          == RUBRIC_OK);
    CHECK(strcmp(results, "[{\"reward\":1.0,\"scores\":{\"correct\":1.0},\"error\":null}]") == 0);
    rubric_string_free(results);

    /* Errors are statuses with messages, never aborts. */
    CHECK(rubric_evaluate(program, "[1", 2, NULL, &results, NULL, &error) == RUBRIC_INVALID_JSON);
    CHECK(results == NULL && error != NULL && strstr(error, "not a valid JSON array") != NULL);
    rubric_string_free(error);
    CHECK(rubric_evaluate(NULL, "[]", 2, NULL, &results, NULL, &error) == RUBRIC_NULL_ARGUMENT);
    rubric_string_free(error);
    CHECK(rubric_evaluate(program, "[]", 2, "{\"jobs\": \"many\"}", &results, NULL, &error) == RUBRIC_INVALID_OPTION);
    rubric_string_free(error);
    const char invalid[] = {'r', 'e', 'w', 'a', 'r', 'd', ' ', '=', ' ', '"', (char)0xff, '"'};
    CHECK(rubric_check(invalid, sizeof invalid, NULL, NULL, &diagnostics, &error) == RUBRIC_INVALID_UTF8);
    CHECK(diagnostics == NULL);
    rubric_string_free(error);

    rubric_program *broken = NULL;
    const char *typo = "input answer: string\nreward = anwser\n";
    CHECK(rubric_compile(typo, strlen(typo), "typo.rubric", NULL, &broken, &diagnostics, &error) == RUBRIC_COMPILE_ERROR);
    CHECK(broken == NULL && strstr(diagnostics, "\"code\":\"E0201\"") != NULL
          && strstr(diagnostics, "\"line\":2,\"column\":10") != NULL);
    CHECK(strstr(error, "typo.rubric:2:10") != NULL);
    rubric_string_free(diagnostics);
    rubric_string_free(error);

    /* Limits. */
    char *limits = NULL;
    CHECK(rubric_limits_set(program, "{\"fuel\": 12345}", NULL) == RUBRIC_OK);
    CHECK(rubric_limits_get(program, &limits, NULL) == RUBRIC_OK && strstr(limits, "\"fuel\":12345") != NULL);
    rubric_string_free(limits);
    CHECK(rubric_limits_set(program, "{\"fuel\": -1}", &error) == RUBRIC_INVALID_OPTION);
    rubric_string_free(error);

    /* One program, four threads. */
    pthread_t threads[4];
    struct worker workers[4];
    for (int i = 0; i < 4; i++) {
        workers[i].program = program;
        workers[i].matched = 0;
        pthread_create(&threads[i], NULL, evaluate_many, &workers[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        CHECK(workers[i].matched == 50);
    }

    rubric_program_free(program);
    rubric_program_free(NULL);
    rubric_string_free(NULL);
    if (failures) return 1;
    printf("ok\n");
    return 0;
}
