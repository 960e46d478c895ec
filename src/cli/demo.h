/* demo: the parts of `kaohe demo` (cmd_demo.c makes the units and
 * quotas; demo_people.c the people, agencies, contracts and employments;
 * demo_pay.c the pay scale; demo_deploy.c the frontline; demo_plans.c a
 * redeployment plan; demo_select.c the selection campaigns). Private to
 * src/cli. */
#ifndef KAOHE_DEMO_H
#define KAOHE_DEMO_H

#include "app/app.h"

/* The fictional people of the seed's three areas with their employments
 * (and the agencies and contracts they are bought under), in one
 * transaction; the units must exist. Prints nothing. *count is the
 * number of people added. */
int demo_people(struct app *a, int64_t *count, struct err *e);

/* Hengqin's pay scale for dispatched staff (S3, demo_pay.c) and every
 * dispatched employment placed on it; *assigned is how many. */
int demo_pay(struct app *a, int64_t *assigned, struct err *e);

/* The frontline (S5, demo_deploy.c): TEDA's secondments, frontline and
 * grassroots postings, Liangjiang's service commissioners and their
 * investment projects, dated from today; the people and units of
 * demo_people and cmd_demo must exist. Each service call is its own
 * transaction. *out counts what was added. */
struct demo_deploy_counts {
	int64_t people, assignments, projects;
};
int demo_deploy(struct app *a, struct demo_deploy_counts *out,
		struct err *e);

/* A redeployment plan of TEDA's restructuring (S5, demo_plans.c), in
 * progress, its decisions dated from today; after demo_deploy, whose
 * postings it keeps clear of. Each service call is its own
 * transaction. */
int demo_plans(struct app *a, struct err *e);

/* The selection campaigns (S5, demo_select.c): Zhuhai's open selection
 * for Hengqin, ranked, and TEDA's recruitment of graduates, open; the
 * units and people must exist. *people counts the graduates added. */
int demo_selections(struct app *a, int64_t *people, struct err *e);

#endif
