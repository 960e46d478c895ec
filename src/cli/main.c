/* main: kaohe's entry point; everything is in the cli layer. */
#include "cli/cli.h"

int main(int argc, char **argv, char **envp)
{
	return cli_main(argc, argv, envp);
}
