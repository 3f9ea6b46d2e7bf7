#include <zbar.h>

/// The Y800 (8-bit grey) fourcc; zbar_fourcc is a macro Swift does not import.
static inline unsigned long qrdesk_zbar_y800(void) { return zbar_fourcc('Y', '8', '0', '0'); }
