#ifndef OFFLOAD_CNCURSES_SHIM_H
#define OFFLOAD_CNCURSES_SHIM_H

// Wide-character ncurses: must be defined before curses.h is included.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Macros Swift cannot import, as functions.
static inline int offload_maxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int offload_maxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }
static inline attr_t offload_a_bold(void) { return A_BOLD; }
static inline attr_t offload_a_reverse(void) { return A_REVERSE; }
static inline attr_t offload_a_underline(void) { return A_UNDERLINE; }
static inline attr_t offload_a_dim(void) { return A_DIM; }
static inline attr_t offload_a_normal(void) { return A_NORMAL; }
static inline attr_t offload_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
static inline chtype offload_acs_hline(void) { return ACS_HLINE; }
static inline chtype offload_acs_vline(void) { return ACS_VLINE; }
static inline chtype offload_acs_ckboard(void) { return ACS_CKBOARD; }
static inline int offload_key_resize(void) { return KEY_RESIZE; }
static inline int offload_key_mouse(void) { return KEY_MOUSE; }

// Key codes, so Swift need not rely on importing octal macros.
static inline int offload_key_code_yes(void) { return KEY_CODE_YES; }
static inline int offload_key_up(void) { return KEY_UP; }
static inline int offload_key_down(void) { return KEY_DOWN; }
static inline int offload_key_left(void) { return KEY_LEFT; }
static inline int offload_key_right(void) { return KEY_RIGHT; }
static inline int offload_key_ppage(void) { return KEY_PPAGE; }
static inline int offload_key_npage(void) { return KEY_NPAGE; }
static inline int offload_key_home(void) { return KEY_HOME; }
static inline int offload_key_end(void) { return KEY_END; }
static inline int offload_key_find(void) { return KEY_FIND; }
static inline int offload_key_select(void) { return KEY_SELECT; }
static inline int offload_key_enter(void) { return KEY_ENTER; }
static inline int offload_key_backspace(void) { return KEY_BACKSPACE; }
static inline int offload_key_btab(void) { return KEY_BTAB; }
static inline int offload_key_f0(void) { return KEY_F0; }
static inline int offload_err(void) { return ERR; }

// Mouse.
static inline mmask_t offload_button1_clicks(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED; }
/// The wheel: away from the user (button 4) and towards (button 5).
static inline mmask_t offload_wheel_up(void) { return BUTTON4_PRESSED; }
#if defined(BUTTON5_PRESSED)
static inline mmask_t offload_wheel_down(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t offload_wheel_down(void) { return 0; }
#endif

// Globals Swift 6 would flag as shared mutable state.
static inline WINDOW *offload_stdscr(void) { return stdscr; }
static inline WINDOW *offload_curscr(void) { return curscr; }
static inline int offload_lines(void) { return LINES; }
static inline int offload_cols(void) { return COLS; }
static inline int offload_colors(void) { return COLORS; }
static inline int offload_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *offload_stdout_file(void) { return stdout; }
static inline FILE *offload_stdin_file(void) { return stdin; }
static inline const char *offload_codeset(void) { return nl_langinfo(CODESET); }
static inline int offload_errno(void) { return errno; }

// terminfo without term.h (whose hundreds of capability macros would leak into Swift).
struct term;
extern int setupterm(const char *, int, int *);
extern struct term *set_curterm(struct term *);
extern int del_curterm(struct term *);

/// Loads `name`'s terminfo entry for `fd` without starting curses. Returns 1 when the
/// terminal can be used, 0 when it is unknown or generic (hardcopy, `dumb`), -1 when no
/// terminfo database was found. `colors` receives the `colors` capability (-1 when absent),
/// `cursor_addressable` whether it has `cup`. The entry is freed again.
static inline int offload_probe_terminal(const char *name, int fd, int *colors, int *cursor_addressable) {
    int status = 0;
    *colors = -1;
    *cursor_addressable = 0;
    if (setupterm(name, fd, &status) != OK) return status;
    *colors = tigetnum("colors");
    char *cup = tigetstr("cup");
    *cursor_addressable = (cup != NULL && cup != (char *)-1) ? 1 : 0;
    struct term *loaded = set_curterm(NULL);
    if (loaded != NULL) del_curterm(loaded);
    return status;
}

/// A terminfo string capability of the running screen, or NULL.
static inline const char *offload_tigetstr(const char *capability) {
    char *value = tigetstr(capability);
    return (value == NULL || value == (char *)-1) ? NULL : value;
}

// ---------------------------------------------------------------------------------------
// Signals. The state below is `static` in a header, so every object file that calls these
// functions gets its own copy: Swift must call them from exactly one source file
// (Sources/OffloadDashboard/Terminal/SignalTrap.swift).
// ---------------------------------------------------------------------------------------

#define OFFLOAD_RESTORE_MAX 512

typedef struct {
    volatile sig_atomic_t termination;   // the first SIGINT/SIGTERM/SIGHUP/SIGQUIT, or 0
    volatile sig_atomic_t resized;       // set by SIGWINCH
    int wake_write;                      // the self-pipe's write end, or -1
    int wake_read;                       // the self-pipe's read end, or -1
    int tty_fd;                          // the terminal to restore on a crash, or -1
    int has_saved_modes;
    struct termios saved_modes;          // the terminal modes before curses started
    char restore[OFFLOAD_RESTORE_MAX];   // bytes that leave the alternate screen etc.
    int restore_length;
    int installed;
    struct sigaction previous[65];       // the actions our handlers replaced
} offload_signal_state_t;

static inline offload_signal_state_t *offload_signal_state(void) {
    static offload_signal_state_t state = { 0, 0, -1, -1, -1, 0, {0}, {0}, 0, 0, {{{0}}} };
    return &state;
}

static inline void offload_wake(void) {
    offload_signal_state_t *state = offload_signal_state();
    if (state->wake_write >= 0) {
        int saved = errno;
        char byte = 1;
        ssize_t ignored = write(state->wake_write, &byte, 1);
        (void)ignored;
        errno = saved;
    }
}

/// Puts the terminal back as it was (async-signal-safe: tcsetattr and write only).
static inline void offload_emergency_restore(void) {
    offload_signal_state_t *state = offload_signal_state();
    if (state->tty_fd < 0) return;
    if (state->restore_length > 0) {
        ssize_t ignored = write(state->tty_fd, state->restore, (size_t)state->restore_length);
        (void)ignored;
    }
    if (state->has_saved_modes) tcsetattr(state->tty_fd, TCSANOW, &state->saved_modes);
}

static void offload_on_termination(int sig) {
    offload_signal_state_t *state = offload_signal_state();
    if (state->termination != 0) {
        // A second signal while the first is still unanswered: the main loop is stuck.
        offload_emergency_restore();
        _exit(128 + sig);
    }
    state->termination = sig;
    offload_wake();
}

static void offload_on_resize(int sig) {
    (void)sig;
    offload_signal_state()->resized = 1;
    offload_wake();
}

static void offload_on_crash(int sig, siginfo_t *info, void *context) {
    (void)context;
    offload_signal_state_t *state = offload_signal_state();
    offload_emergency_restore();
    state->tty_fd = -1;
    // Hand the fault to whoever handled it before (the Swift runtime's backtracer, or the
    // default action): returning re-runs a faulting instruction, which faults again; a
    // signal a process sent (abort's raise, kill -SEGV: si_code <= 0) would not come back,
    // so it is sent again, to be delivered once this handler returns.
    sigaction(sig, &state->previous[sig], NULL);
    if (sig == SIGABRT || info == NULL || info->si_code <= 0) raise(sig);
}

static inline int offload_catch_with_info(int sig, void (*handler)(int, siginfo_t *, void *)) {
    offload_signal_state_t *state = offload_signal_state();
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_SIGINFO;
    return sigaction(sig, &action, &state->previous[sig]);
}

static inline int offload_catch(int sig, void (*handler)(int)) {
    offload_signal_state_t *state = offload_signal_state();
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;   // no SA_RESTART: a blocking call returns EINTR
    return sigaction(sig, &action, &state->previous[sig]);
}

/// Creates the self-pipe and installs the handlers; returns the pipe's read end, or -1.
/// `tty_fd` is the terminal restored on a crash: its modes are saved now, so call this
/// before curses changes them (and before curses installs handlers of its own).
static inline int offload_signals_install(int tty_fd) {
    offload_signal_state_t *state = offload_signal_state();
    if (state->installed) return state->wake_read;
    int fds[2];
    if (pipe(fds) != 0) return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
        fcntl(fds[i], F_SETFD, FD_CLOEXEC);
    }
    state->wake_read = fds[0];
    state->wake_write = fds[1];
    state->termination = 0;
    state->resized = 0;
    state->tty_fd = tty_fd;
    state->has_saved_modes = tcgetattr(tty_fd, &state->saved_modes) == 0;
    state->restore_length = 0;
    const int terminations[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
    for (unsigned i = 0; i < sizeof terminations / sizeof terminations[0]; i++) offload_catch(terminations[i], offload_on_termination);
    offload_catch(SIGWINCH, offload_on_resize);
    const int crashes[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT };
    for (unsigned i = 0; i < sizeof crashes / sizeof crashes[0]; i++) offload_catch_with_info(crashes[i], offload_on_crash);
    state->installed = 1;
    return state->wake_read;
}

/// The bytes written to the terminal on a crash (leave the alternate screen, show the cursor…).
static inline void offload_signals_set_restore(const char *restore, int restore_length) {
    offload_signal_state_t *state = offload_signal_state();
    if (restore_length > OFFLOAD_RESTORE_MAX) restore_length = OFFLOAD_RESTORE_MAX;
    if (restore_length < 0) restore_length = 0;
    state->restore_length = 0;
    memcpy(state->restore, restore, (size_t)restore_length);
    state->restore_length = restore_length;
}

/// Puts back the handlers `offload_signals_install` replaced and closes the self-pipe.
static inline void offload_signals_uninstall(void) {
    offload_signal_state_t *state = offload_signal_state();
    if (!state->installed) return;
    const int all[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT };
    for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++) sigaction(all[i], &state->previous[all[i]], NULL);
    state->tty_fd = -1;
    close(state->wake_read);
    close(state->wake_write);
    state->wake_read = -1;
    state->wake_write = -1;
    state->installed = 0;
}

/// The first termination signal caught, or 0.
static inline int offload_signals_termination(void) { return (int)offload_signal_state()->termination; }

/// Forgets a SIGINT that was caught (the dashboard answered it with a question instead of
/// quitting); returns 1 when the signal caught was SIGINT, else 0 and nothing changes.
static inline int offload_signals_take_interrupt(void) {
    offload_signal_state_t *state = offload_signal_state();
    if (state->termination != SIGINT) return 0;
    state->termination = 0;
    return 1;
}

/// Whether SIGWINCH arrived since the last call (and clears it).
static inline int offload_signals_take_resize(void) {
    offload_signal_state_t *state = offload_signal_state();
    if (!state->resized) return 0;
    state->resized = 0;
    return 1;
}

/// Empties the self-pipe.
static inline void offload_signals_drain(void) {
    offload_signal_state_t *state = offload_signal_state();
    char buffer[64];
    while (state->wake_read >= 0 && read(state->wake_read, buffer, sizeof buffer) > 0) {}
}

/// Waits until `fd` or the self-pipe is readable, or `timeout_ms` passes (-1: forever).
/// Returns the poll result; `*revents` receives `fd`'s events.
static inline int offload_wait(int fd, int timeout_ms, short *revents) {
    struct pollfd fds[2];
    fds[0].fd = fd; fds[0].events = POLLIN; fds[0].revents = 0;
    fds[1].fd = offload_signal_state()->wake_read; fds[1].events = POLLIN; fds[1].revents = 0;
    int result = poll(fds, fds[1].fd >= 0 ? 2 : 1, timeout_ms);
    *revents = fds[0].revents;
    return result;
}

/// The window size of `fd` in rows and columns; 0 on success.
static inline int offload_window_size(int fd, int *rows, int *columns) {
    struct winsize size;
    memset(&size, 0, sizeof size);
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 0;
}

#endif
