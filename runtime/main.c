/* main: berth's entry point; the command line lives in cli-main.c. */
#include "cli.h"

int main(int argc, char **argv)
{
	return rt_cli_main(argc, argv);
}
