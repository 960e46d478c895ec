/* settings: kaohe's table of settings (see base/config.h for the layers).
 * One row per setting: its name is the INI key, KAOHE_<NAME> in the
 * environment and --name on the command line. */
#ifndef KAOHE_SETTINGS_H
#define KAOHE_SETTINGS_H

#include <stddef.h>

#include "base/config.h"

extern const struct config_def settings_table[];
extern const size_t settings_count;

#endif
