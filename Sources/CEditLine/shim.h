#ifndef RUBRIC_CEDITLINE_SHIM_H
#define RUBRIC_CEDITLINE_SHIM_H
// libedit's el_set, el_get and history take variable arguments, which Swift cannot call:
// these wrappers fix the arguments of each operation the REPL uses.
#include <stdio.h>
#include <histedit.h>

typedef char *(*rubric_prompt_function)(EditLine *);
typedef unsigned char (*rubric_editor_function)(EditLine *, int);

/// An editor on the standard streams.
static inline EditLine *rubric_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

static inline int rubric_el_set_prompt(EditLine *el, rubric_prompt_function prompt) {
    return el_set(el, EL_PROMPT, prompt);
}

static inline int rubric_el_set_editor(EditLine *el, const char *editor) {
    return el_set(el, EL_EDITOR, editor);
}

static inline int rubric_el_set_history(EditLine *el, History *history_state) {
    return el_set(el, EL_HIST, history, history_state);
}

static inline int rubric_el_add_function(EditLine *el, const char *name, const char *help,
                                         rubric_editor_function function) {
    return el_set(el, EL_ADDFN, name, help, function);
}

static inline int rubric_el_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, (const char *)NULL);
}

/// Sets or clears a terminal flag in one of libedit's modes: mode "-d" is editing,
/// flag "-isig" turns off signals from the keyboard while a line is edited.
static inline int rubric_el_set_tty(EditLine *el, const char *mode, const char *flag) {
    return el_set(el, EL_SETTY, mode, flag, (const char *)NULL);
}

/// Puts the terminal in editing mode now (el_gets does so only once it reads, after it has
/// shown the prompt).
static inline int rubric_el_prepare_terminal(EditLine *el) {
    return el_set(el, EL_PREP_TERM, 1);
}

static inline int rubric_el_set_client_data(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *rubric_el_client_data(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}

static inline int rubric_history_set_size(History *history_state, int size) {
    HistEvent event;
    return history(history_state, &event, H_SETSIZE, size);
}

static inline int rubric_history_set_unique(History *history_state, int unique) {
    HistEvent event;
    return history(history_state, &event, H_SETUNIQUE, unique);
}

static inline int rubric_history_enter(History *history_state, const char *line) {
    HistEvent event;
    return history(history_state, &event, H_ENTER, line);
}

static inline int rubric_history_load(History *history_state, const char *path) {
    HistEvent event;
    return history(history_state, &event, H_LOAD, path);
}

static inline int rubric_history_save(History *history_state, const char *path) {
    HistEvent event;
    return history(history_state, &event, H_SAVE, path);
}

#endif
