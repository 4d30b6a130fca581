/* stat: not written yet (a placeholder so that the registry is complete). */
#include "osbox/opts.h"

#include <err.h>

static const struct opt options[] = {
	{0},
};

const struct optspec stat_spec = {
	.usage = "[ARG]...",
	.opts = options,
};

int stat_main(int argc, char **argv)
{
	struct opts o;
	opts_begin(&o, &stat_spec, argc, argv);
	while (opts_next(&o) != -1)
		;
	errx(1, "not implemented yet");
}
