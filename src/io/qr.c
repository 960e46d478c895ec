/* qr: libqrencode's modules drawn as one SVG path, a row's runs of dark
 * modules as rectangles. */
#include "qr.h"

#include <string.h>

#include <qrencode.h>

#define QR_QUIET 4

int qr_svg(const char *text, struct buf *out, struct err *e)
{
	size_t len = text ? strlen(text) : 0;
	if (len == 0 || len > QR_TEXT_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field", "text",
				  "a QR code carries 1 to %d bytes",
				  QR_TEXT_MAX);
	QRcode *q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (!q)
		return err_set(e, ERR_INTERNAL, "qr_failed", "the QR code "
			       "cannot be made");
	int n = q->width, size = n + 2 * QR_QUIET;
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		   "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
		   "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
		   "<path fill=\"#000\" d=\"", size, size, size, size);
	for (int y = 0; y < n; y++) {
		for (int x = 0; x < n;) {
			if (!(q->data[y * n + x] & 1)) {
				x++;
				continue;
			}
			int run = 1;
			while (x + run < n && (q->data[y * n + x + run] & 1))
				run++;
			buf_printf(out, "M%d %dh%dv1h-%dz", x + QR_QUIET,
				   y + QR_QUIET, run, run);
			x += run;
		}
	}
	buf_puts(out, "\"/></svg>");
	QRcode_free(q);
	return 0;
}
