/* sh_bi_warn (bi.h): the messages of the operand-only builtins, with the
 * shell's prefix. On its own in this file so that the unit tests of
 * bi.h, which define their own, link without it. */
#include "sh.h"
#include "bi.h"
#include "osbox/buf.h"

#include <stdarg.h>

void sh_bi_warn(const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	sh_error(sh_current, "%s", b.p ? b.p : "");
	buf_free(&b);
}
