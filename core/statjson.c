/* A file's status as --json members (see statjson.h). */
#include "osbox/statjson.h"
#include "osbox/ftype.h"
#include "osbox/json.h"
#include "osbox/owner.h"

#include <sys/sysmacros.h>

static struct timespec ts(struct statx_timestamp t)
{
	return (struct timespec){.tv_sec = t.tv_sec, .tv_nsec = t.tv_nsec};
}

bool statjson_from_statx(const struct statx *x, struct stat *st, struct timespec *btime)
{
	st->st_dev = makedev(x->stx_dev_major, x->stx_dev_minor);
	st->st_ino = x->stx_ino;
	st->st_mode = x->stx_mode;
	st->st_nlink = x->stx_nlink;
	st->st_uid = x->stx_uid;
	st->st_gid = x->stx_gid;
	st->st_rdev = makedev(x->stx_rdev_major, x->stx_rdev_minor);
	st->st_size = (off_t)x->stx_size;
	st->st_blksize = x->stx_blksize;
	st->st_blocks = (blkcnt_t)x->stx_blocks;
	st->st_atim = ts(x->stx_atime);
	st->st_mtim = ts(x->stx_mtime);
	st->st_ctim = ts(x->stx_ctime);
	if (!(x->stx_mask & STATX_BTIME))
		return false;
	*btime = ts(x->stx_btime);
	return true;
}

void statjson_members(struct json *j, const struct stat *st, const struct timespec *btime,
                      const char *target, size_t targetlen)
{
	char m[11];
	json_kcstr(j, "type", ftype_word(st->st_mode));
	json_kuint(j, "mode", st->st_mode);
	json_kcstr(j, "permissions", ftype_modestr(st->st_mode, m));
	json_kuint(j, "ino", st->st_ino);
	json_kuint(j, "dev", st->st_dev);
	json_kuint(j, "nlink", st->st_nlink);
	json_kuint(j, "uid", st->st_uid);
	json_kuint(j, "gid", st->st_gid);
	json_kcstr(j, "user", owner_user_name(st->st_uid));
	json_kcstr(j, "group", owner_group_name(st->st_gid));
	json_kint(j, "size", st->st_size);
	json_kint(j, "blocks", st->st_blocks);
	json_kint(j, "blksize", st->st_blksize);
	json_ktimes(j, "atime", &st->st_atim);
	json_ktimes(j, "mtime", &st->st_mtim);
	json_ktimes(j, "ctime", &st->st_ctim);
	json_ktimes(j, "birth", btime);
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		json_kuint(j, "rdev", st->st_rdev);
	if (target)
		json_kstr(j, "target", target, targetlen);
}
