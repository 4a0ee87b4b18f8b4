// libxlsxwriter from the system (Debian's libxlsxwriter-dev, pkg-config `xlsxwriter`).
#ifndef KARTA_XLSXWRITER_SHIM_H
#define KARTA_XLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
