/* results: results.csv and trace.jsonl. */
#include "results.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fdio.h"
#include "base/numtext.h"
#include "base/xmalloc.h"
#include "io/trace.h"

const char *results_rule_name(enum assess_rule_kind k)
{
	static const char *const names[] = { "ratio", "linear", "step",
					     "threshold", "rank", "relative",
					     "score" };
	return names[k];
}

const char *results_pass_name(enum assess_pass_reason p)
{
	static const char *const names[] = { "", "below_min", "quota_full",
					     "capped", "routine_requirement" };
	return names[p];
}

const char *results_routine_name(enum assess_routine r)
{
	static const char *const names[] = { "good", "fair", "average",
					     "poor" };
	return names[r];
}

/* A CSV cell, quoted when it holds a comma, quote or line break. */
static void results_cell(struct buf *b, const char *s)
{
	const char *p = s;
	while (*p && *p != ',' && *p != '"' && *p != '\r' && *p != '\n')
		p++;
	if (!*p) {
		buf_append(b, s, (size_t)(p - s));
		return;
	}
	buf_putc(b, '"');
	for (p = s; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

/* A score or total: 4 decimals, as "%.4f" writes it. */
static void results_score(struct buf *b, double v)
{
	char tmp[NUMTEXT_MAX + 1];
	tmp[0] = ',';
	buf_append(b, tmp, 1 + numtext_fixed(tmp + 1, v, 4, false));
}

static void results_int(struct buf *b, int64_t v)
{
	char tmp[NUMTEXT_MAX + 1];
	tmp[0] = ',';
	buf_append(b, tmp, 1 + numtext_i64(tmp + 1, v));
}

static void results_row(struct buf *b, const struct assess_input *in,
			const struct assess_result *r, uint32_t s)
{
	const struct assess_subject *sub = &in->subjects[s];
	results_cell(b, sub->id);
	buf_putc(b, ',');
	results_cell(b, sub->name);
	buf_putc(b, ',');
	results_cell(b, in->categories[sub->category]);
	buf_putc(b, ',');
	results_cell(b, in->pools[sub->pool]);
	for (uint32_t c = 0; c < in->ncomponents; c++)
		results_score(b, r->scores[(size_t)s * in->ncomponents + c]);
	results_score(b, r->totals[s]);
	results_int(b, r->rank[s]);
	results_int(b, r->pool_rank[s]);
	buf_putc(b, ',');
	results_cell(b, in->grades[r->grade[s]].id);
	buf_putc(b, ',');
	if (r->cap[s] != ASSESS_NONE)
		results_cell(b, in->grades[r->cap[s]].id);
	buf_putc(b, ',');
	if (r->bonus[s] >= 0) {
		char tmp[NUMTEXT_MAX];
		buf_append(b, tmp, numtext_i64(tmp, r->bonus[s]));
	}
	buf_putc(b, '\n');
}

/* Both files in batches of subjects in ranking order. `threads` threads
 * take the next batch each and make its rows and trace lines into one of
 * a ring of slots; one more thread writes the slots in batch order, so
 * the formatting goes on while the disk (or the kernel's copying into the
 * page cache) takes what is ready. Batch b uses slot b % nslots, free once
 * batch b - nslots is written. Batches are taken in order, so the lowest
 * one not yet written is always being made or waiting: the work ends
 * however the threads are scheduled. */
#define RESULTS_BATCH 4096
#define RESULTS_THREADS_MAX 8

struct results_slot {
	struct buf csv, trace;
	bool ready;           /* made, not yet written */
};

struct results_files {
	const struct assess_input *in;
	const struct assess_result *r;
	struct trace_text *text;
	struct fd_sink csv, trace;
	uint32_t nbatches;
	struct results_slot *slots;
	uint32_t nslots;
	pthread_mutex_t mu;
	pthread_cond_t changed;
	uint32_t next_take;   /* the batch to be made next */
	uint32_t next_write;  /* the batch to be written next */
	int error;            /* errno of the first failed write */
	bool trace_failed;    /* that write was trace.jsonl's */
};

/* Subjects come in ranking order, at random places of the input and the
 * result: what a subject's row and trace read is asked for from memory
 * two subjects ahead, so that the waits overlap. */
static void results_prefetch(const struct assess_input *in,
			     const struct assess_result *r, uint32_t s)
{
	uint64_t from = in->value_offset[s], to = in->value_offset[s + 1];
	for (uint64_t k = from; k < to; k += 8)
		__builtin_prefetch(&in->values[k]);
	if (in->target_start)
		__builtin_prefetch(&in->target_start[s]);
	if (r->rank_stride)
		__builtin_prefetch(&r->leaf_rank[(size_t)s * r->rank_stride]);
	for (uint32_t c = 0; in->ratings && c < in->ncomponents; c++) {
		const struct assess_component *comp = &in->components[c];
		if (in->ratings[c].counts)
			__builtin_prefetch(&in->ratings[c].counts[
				(size_t)s * comp->ngroups * (comp->nscale + 1)]);
	}
	__builtin_prefetch(&in->subjects[s]);
	if (in->routine)
		__builtin_prefetch(&in->routine[(size_t)s *
						ASSESS_ROUTINE_LEVELS]);
	__builtin_prefetch(&r->scores[(size_t)s * in->ncomponents]);
	__builtin_prefetch(&r->totals[s]);
	__builtin_prefetch(&r->rank[s]);
	__builtin_prefetch(&r->pool_rank[s]);
	__builtin_prefetch(&r->grade[s]);
	__builtin_prefetch(&r->cap[s]);
	__builtin_prefetch(&r->bonus[s]);
	__builtin_prefetch(&r->passed_over[(size_t)s * in->ngrades]);
	__builtin_prefetch(&r->warnings[s]);
}

static void results_batch(const struct results_files *rf, uint32_t batch,
			  struct results_slot *slot)
{
	uint32_t from = batch * RESULTS_BATCH, to = from + RESULTS_BATCH;
	if (to > rf->in->nsubjects)
		to = rf->in->nsubjects;
	buf_reset(&slot->csv);
	buf_reset(&slot->trace);
	for (uint32_t i = from; i < to; i++) {
		uint32_t s = rf->r->order[i];
		if (i + 2 < to)
			results_prefetch(rf->in, rf->r, rf->r->order[i + 2]);
		results_row(&slot->csv, rf->in, rf->r, s);
		struct arena arena = ARENA_INIT;
		trace_line(rf->in, rf->r, rf->text, s, &arena, &slot->trace);
		arena_free(&arena);
		buf_putc(&slot->trace, '\n');
	}
}

static void *results_make(void *arg)
{
	struct results_files *rf = arg;
	pthread_mutex_lock(&rf->mu);
	while (!rf->error && rf->next_take < rf->nbatches) {
		uint32_t b = rf->next_take++;
		while (!rf->error && b - rf->next_write >= rf->nslots)
			pthread_cond_wait(&rf->changed, &rf->mu);
		if (rf->error)
			break;
		struct results_slot *slot = &rf->slots[b % rf->nslots];
		pthread_mutex_unlock(&rf->mu);
		results_batch(rf, b, slot);
		pthread_mutex_lock(&rf->mu);
		slot->ready = true;
		pthread_cond_broadcast(&rf->changed);
	}
	pthread_mutex_unlock(&rf->mu);
	return NULL;
}

/* Writes a made batch; returns 0 or the errno of the failure, and says
 * which file failed. */
static int results_put(struct results_files *rf,
		       const struct results_slot *slot, bool *trace)
{
	*trace = false;
	int error = fd_sink_write(&rf->csv, slot->csv.data, slot->csv.len);
	if (error)
		return error;
	*trace = true;
	return fd_sink_write(&rf->trace, slot->trace.data, slot->trace.len);
}

/* The writing thread: each batch in order, as soon as it is made. */
static void results_put_all(struct results_files *rf)
{
	pthread_mutex_lock(&rf->mu);
	while (!rf->error && rf->next_write < rf->nbatches) {
		struct results_slot *slot =
			&rf->slots[rf->next_write % rf->nslots];
		while (!slot->ready)
			pthread_cond_wait(&rf->changed, &rf->mu);
		pthread_mutex_unlock(&rf->mu);
		bool trace;
		int error = results_put(rf, slot, &trace);
		pthread_mutex_lock(&rf->mu);
		if (error) {
			rf->error = error;
			rf->trace_failed = trace;
		}
		slot->ready = false;
		rf->next_write++;
		pthread_cond_broadcast(&rf->changed);
	}
	pthread_mutex_unlock(&rf->mu);
}

/* The formatting threads, the calling thread writing. Without threads
 * (pthread_create failing) the batches are made and written in turn. */
static void results_run(struct results_files *rf, unsigned threads)
{
	pthread_t tid[RESULTS_THREADS_MAX];
	unsigned n = threads < 1 ? 1 : threads > RESULTS_THREADS_MAX
					       ? RESULTS_THREADS_MAX : threads;
	rf->nslots = 2 * n;
	rf->slots = xcalloc(rf->nslots, sizeof *rf->slots);
	unsigned started = 0;
	while (started < n &&
	       pthread_create(&tid[started], NULL, results_make, rf) == 0)
		started++;
	if (started > 0)
		results_put_all(rf);
	for (uint32_t b = 0; started == 0 && b < rf->nbatches; b++) {
		bool trace;
		results_batch(rf, b, &rf->slots[0]);
		rf->error = results_put(rf, &rf->slots[0], &trace);
		if (rf->error) {
			rf->trace_failed = trace;
			break;
		}
	}
	for (unsigned t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	for (uint32_t k = 0; k < 2 * n; k++) {
		buf_free(&rf->slots[k].csv);
		buf_free(&rf->slots[k].trace);
	}
	free(rf->slots);
}

/* Each file's buffer: direct writes of 8 MiB keep the disk busy with few
 * system calls (a batch's trace lines are about as much again). */
#define RESULTS_SINK_BLOCK (8u << 20)

static int results_open(struct fd_sink *k, const char *path, struct err *e)
{
	int error = fd_sink_open(k, path, RESULTS_SINK_BLOCK);
	if (error)
		return err_set_at(e, ERR_INVALID, "write_failed", path,
				  "cannot create %s: %s", path,
				  strerror(error));
	return 0;
}

/* results.csv's header row. */
static int results_header(const struct assess_input *in, struct fd_sink *k)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "subject,name,category,pool");
	for (uint32_t c = 0; c < in->ncomponents; c++) {
		buf_putc(&b, ',');
		results_cell(&b, in->components[c].id);
	}
	buf_puts(&b, ",total,rank,pool_rank,grade,cap,bonus\n");
	int error = fd_sink_write(k, b.data, b.len);
	buf_free(&b);
	return error;
}

/* Writes both files under their temporary names (paths 0 and 2); removes
 * them on failure. */
static int results_files_write(const struct assess_input *in,
			       const struct assess_result *r,
			       const struct buf *p, unsigned threads,
			       struct err *e)
{
	struct results_files rf = {
		.in = in, .r = r,
		.nbatches = (in->nsubjects + RESULTS_BATCH - 1) / RESULTS_BATCH,
		.mu = PTHREAD_MUTEX_INITIALIZER,
		.changed = PTHREAD_COND_INITIALIZER,
	};
	const char *failed = p[0].data;
	if (results_open(&rf.csv, p[0].data, e) != 0)
		return -1;
	if (results_open(&rf.trace, p[2].data, e) != 0) {
		fd_sink_close(&rf.csv);
		remove(p[0].data);
		return -1;
	}
	rf.error = results_header(in, &rf.csv);
	rf.text = trace_text_make(in);
	if (!rf.error)
		results_run(&rf, threads);
	trace_text_free(rf.text, in);
	if (rf.trace_failed)
		failed = p[2].data;
	int error = fd_sink_close(&rf.csv);
	if (error && !rf.error)
		rf.error = error;
	error = fd_sink_close(&rf.trace);
	if (error && !rf.error) {
		rf.error = error;
		failed = p[2].data;
	}
	pthread_mutex_destroy(&rf.mu);
	pthread_cond_destroy(&rf.changed);
	if (!rf.error)
		return 0;
	remove(p[0].data);
	remove(p[2].data);
	return err_set_at(e, ERR_INTERNAL, "write_failed", failed,
			  "cannot write %s: %s", failed, strerror(rf.error));
}

int results_write(const struct assess_input *in,
		  const struct assess_result *r, const char *dir,
		  unsigned threads, struct err *e)
{
	struct buf p[4] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	buf_printf(&p[0], "%s/results.csv.tmp", dir);
	buf_printf(&p[1], "%s/results.csv", dir);
	buf_printf(&p[2], "%s/trace.jsonl.tmp", dir);
	buf_printf(&p[3], "%s/trace.jsonl", dir);
	int rc = results_files_write(in, r, p, threads, e);
	if (rc == 0 && (rename(p[0].data, p[1].data) != 0 ||
			rename(p[2].data, p[3].data) != 0))
		rc = err_set_at(e, ERR_INTERNAL, "write_failed", dir,
				"cannot move the results into %s: %s", dir,
				strerror(errno));
	for (int k = 0; k < 4; k++)
		buf_free(&p[k]);
	return rc;
}
