/* qr: QR codes as SVG (libqrencode) for the printed sheets of ballot and
 * voter tokens: a phone's camera opens the short link. Must not know
 * about HTTP. */
#ifndef KAOHE_IO_QR_H
#define KAOHE_IO_QR_H

#include "base/buf.h"
#include "base/err.h"

#define QR_TEXT_MAX 512 /* bytes a code carries */

/* Appends an SVG image of text as a QR code (error correction M, a quiet
 * zone of 4 modules, black on white, one path) to out. ERR_INVALID for
 * text that is empty or longer than QR_TEXT_MAX. */
int qr_svg(const char *text, struct buf *out, struct err *e);

#endif
