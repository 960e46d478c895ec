/* settings: every setting kaohe has, with its default and range. */
#include "settings.h"

#define DAY 86400

const struct config_def settings_table[] = {
	{ "db", CONFIG_STRING, "kaohe.db", 0, 0,
	  "database: a SQLite file path (postgres:// URLs in a later release)" },
	{ "config", CONFIG_STRING, NULL, 0, 0,
	  "an INI file of settings, read before the environment and flags" },
	{ "listen", CONFIG_STRING, "127.0.0.1", 0, 0,
	  "address the server listens on" },
	{ "port", CONFIG_INT, "8080", 0, 65535,
	  "TCP port the server listens on (0: any free port)" },
	{ "threads", CONFIG_INT, "4", 1, 64,
	  "worker threads of the server (and database connections)" },
	{ "web_dir", CONFIG_STRING, NULL, 0, 0,
	  "serve the web UI from this folder instead of the built-in copy" },
	{ "body_limit", CONFIG_INT, "1048576", 1024, 64 * 1024 * 1024,
	  "largest request body accepted, in bytes" },
	{ "upload_limit", CONFIG_INT, "67108864", 1024, 1024 * 1024 * 1024,
	  "largest spreadsheet accepted for import, in bytes" },
	{ "per_address", CONFIG_INT, "64", 1, 1000,
	  "open connections from one client address (all of them come from "
	  "the reverse proxy's address behind one)" },
	{ "session_idle", CONFIG_INT, "1800", 1, DAY,
	  "seconds without a request after which a session ends" },
	{ "session_max", CONFIG_INT, "43200", 1, 7 * DAY,
	  "seconds after login after which a session ends" },
	{ "lockout_failures", CONFIG_INT, "5", 1, 100,
	  "consecutive failed logins that lock an account" },
	{ "lockout_seconds", CONFIG_INT, "900", 1, 30 * DAY,
	  "how long a lockout lasts" },
	{ "cookie_secure", CONFIG_BOOL, "false", 0, 0,
	  "mark the session cookie Secure (turn on behind HTTPS)" },
	{ "trusted_proxy", CONFIG_STRING, NULL, 0, 0,
	  "address of the reverse proxy whose X-Forwarded-For names the client" },
	{ "busy_timeout", CONFIG_INT, "5000", 0, 600000,
	  "milliseconds a database writer waits for another" },
	{ "log_level", CONFIG_STRING, "info", 0, 0,
	  "debug, info, warn or error" },
};

const size_t settings_count = sizeof settings_table / sizeof settings_table[0];
