#ifndef OFFLOAD_CNCURSES_SHIM_H
#define OFFLOAD_CNCURSES_SHIM_H

// Wide-character ncurses: must be defined before curses.h is included.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
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

#endif
