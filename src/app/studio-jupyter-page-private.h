/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the web page's two files share: studio-jupyter-page.c (the page: its
 * web view, sign-in, links, state page, tab) and studio-jupyter-page-lab.c
 * (what it does with the JupyterLab it shows). */
#pragma once

#include "studio-jupyter-page.h"
#include "studio-worker-state-page.h"

G_BEGIN_DECLS

struct _StudioJupyterPage
{
  AdwBin parent_instance;

  GtkStack *stack;
  GtkBox *web_box;
  GtkRevealer *refused_revealer;
  GtkLabel *refused_label;

  WebKitWebView *web_view;
  StudioWorkerStatePage *state_page;
  gboolean loaded;   /* its first page was asked for (the worker was ready then) */
  gboolean away;     /* the worker went away since: the page resumes when it is back */
  guint resume_id;   /* a resume tried again */
  guint resume_tries;
  StudioRegion *region;
  StudioWorker *worker;
  char *title;
  GIcon *icon;

  /* Which UI the server showed: learnt from where its first page landed. */
  enum { UI_UNKNOWN, UI_LAB, UI_CLASSIC } ui;
  /* A file to open once the UI is known and its page has loaded. */
  char *pending_path;
  /* The folder JupyterLab's file browser shows, and the document in front
   * ("" for none), as its page tells. */
  char *lab_folder;
  char *lab_document;
  char *lab_path;      /* the document in front's path in the home ("" for none) */
  /* The last address the page asked for and did not get. */
  char *refused_uri;
  /* A page of another of the worker's services (a port through its Jupyter
   * server) rather than its Jupyter: its name, port and address; tried
   * again every few seconds while nothing answers there. */
  char *service_id;
  char *service_name;
  char *service_url;
  guint retry_id;
};

/* A page script's helper: JupyterLab 3's shell and managers give Lumino
 * iterators (next () until undefined), 4's JavaScript ones. */
#define JS_ALL \
  "const all = it => {\n" \
  "  const items = [];\n" \
  "  if (typeof it[Symbol.iterator] === 'function')\n" \
  "    for (const x of it) items.push(x);\n" \
  "  else\n" \
  "    for (let x = it.next (); x !== undefined; x = it.next ()) items.push(x);\n" \
  "  return items;\n" \
  "};\n"

void _studio_jupyter_page_open_now (StudioJupyterPage *self,
                                    const char        *path);
void _studio_jupyter_page_resume   (StudioJupyterPage *self);

G_END_DECLS
