import express, { type NextFunction, type Request, type Response } from 'express';

/**
 * Requests that crash express-pouchdb 4.2 (an unhandled rejection ends the process), answered the
 * way CouchDB 3 answers them before they get there. Each was found by trying it; the tests in
 * tests/integration/couch-setup.test.ts send them and check that the server keeps answering.
 * (Who may call what is gate.ts's job.)
 */

const parseJson = express.json({ limit: '64mb' });

/**
 * `_changes` with a `filter`: express-pouchdb crashes when the filter's design document, or the
 * function in it, is missing, when `_doc_ids` comes without ids, on `_design`, and on `_selector`
 * (it never passes the POSTed selector on). So: hand the selector to PouchDB (which supports it),
 * check that a named filter or view exists (as the caller: a non-member gets the 401 it would get
 * anyway), and answer the rest with CouchDB's errors. `selfUrl()` is this server's address.
 */
export function guardChangesFilter(selfUrl: () => string) {
  const missing = (res: Response, reason: string) => res.status(404).json({ error: 'not_found', reason });
  const bad = (res: Response, reason: string) => res.status(400).json({ error: 'bad_request', reason });

  async function ddocFunction(req: Request, db: string, name: string, kind: 'filters' | 'views') {
    const [ddoc, fn] = name.split('/');
    if (!ddoc || !fn) return { status: 400, body: { error: 'bad_request', reason: `${kind === 'views' ? 'view' : 'filter'} must be <design doc>/<name>` } };
    const headers: Record<string, string> = {};
    if (req.headers.authorization) headers.Authorization = req.headers.authorization;
    if (req.headers.cookie) headers.Cookie = req.headers.cookie;
    const got = await fetch(`${selfUrl()}/${encodeURIComponent(db)}/_design/${encodeURIComponent(ddoc)}`, { headers });
    const body = (await got.json()) as Record<string, Record<string, unknown> | undefined>;
    if (!got.ok) return { status: got.status, body };
    if (!body[kind]?.[fn]) return { status: 404, body: { error: 'not_found', reason: `missing json key: ${fn}` } };
    return null;
  }

  const handle = async (req: Request, res: Response, next: NextFunction) => {
    const filter = req.query.filter;
    if (filter === undefined) return next();
    if (typeof filter !== 'string') return bad(res, 'filter must be a string');
    const db = req.params.db ?? '';
    const body = (req.body ?? {}) as { doc_ids?: unknown; selector?: unknown };
    switch (filter) {
      case '_doc_ids':
        if (!Array.isArray(body.doc_ids) && req.query.doc_ids === undefined) return bad(res, 'filter=_doc_ids needs doc_ids');
        return next();
      case '_selector':
        if (!body.selector || typeof body.selector !== 'object') return bad(res, 'filter=_selector needs a selector in the body');
        // express-pouchdb parses JSON query values and hands them to PouchDB's changes().
        (req.query as Record<string, unknown>).selector = JSON.stringify(body.selector);
        return next();
      case '_design':
        return bad(res, 'filter=_design is not supported by the embedded head office');
      case '_view': {
        if (typeof req.query.view !== 'string') return bad(res, '`view` filter parameter not found or invalid.');
        const problem = await ddocFunction(req, db, req.query.view, 'views');
        return problem ? res.status(problem.status).json(problem.body) : next();
      }
      default: {
        if (filter.startsWith('_')) return missing(res, `unknown filter ${filter}`);
        const problem = await ddocFunction(req, db, filter, 'filters');
        return problem ? res.status(problem.status).json(problem.body) : next();
      }
    }
  };

  const router = express.Router();
  router.get('/:db/_changes', (req, res, next) => void handle(req, res, next).catch(next));
  router.post('/:db/_changes', parseJson, (req, res, next) => void handle(req, res, next).catch(next));
  return router;
}
