#include <lcms2.h>

/* The pixel-format macros are built from shifts Swift cannot import. */
static inline cmsUInt32Number qrdesk_type_rgb_8(void) { return TYPE_RGB_8; }
static inline cmsUInt32Number qrdesk_type_cmyk_8(void) { return TYPE_CMYK_8; }
static inline cmsUInt32Number qrdesk_type_rgb_dbl(void) { return TYPE_RGB_DBL; }
static inline cmsUInt32Number qrdesk_type_cmyk_dbl(void) { return TYPE_CMYK_DBL; }
