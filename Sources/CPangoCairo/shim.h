#include <pango/pangocairo.h>

/// Macros and variadics Swift cannot import, as inline functions.
static inline int qrdesk_pango_scale(void) { return PANGO_SCALE; }
static inline PangoGlyph qrdesk_pango_glyph_empty(void) { return PANGO_GLYPH_EMPTY; }
static inline PangoGlyph qrdesk_pango_glyph_unknown_flag(void) { return PANGO_GLYPH_UNKNOWN_FLAG; }
