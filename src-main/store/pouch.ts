// db.query's types; the plugin itself is ./mapreduce (pouchdb-mapreduce without a vm context per document).
/// <reference types="pouchdb-mapreduce" />
import PouchDB from 'pouchdb-core';
import leveldbAdapter from 'pouchdb-adapter-leveldb';
import httpAdapter from 'pouchdb-adapter-http';
import find from 'pouchdb-find';
import { mapreduce } from './mapreduce';
import replication from 'pouchdb-replication';

/** The one PouchDB constructor of the main process, with the plugins the app uses. */
PouchDB.plugin(leveldbAdapter).plugin(httpAdapter).plugin(find).plugin(mapreduce).plugin(replication);

export { PouchDB };
export type Db = PouchDB.Database;
