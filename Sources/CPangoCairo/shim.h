#include <pango/pangocairo.h>

/// Macros and variadics Swift cannot import, as inline functions.
static inline int qrdesk_pango_scale(void) { return PANGO_SCALE; }
