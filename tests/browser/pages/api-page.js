// Test page: uses only the page API (no <osprey-search>); window.__api is set
// to {thread, urls} of one search once it is done, window.__descriptor to what
// the searcher says of the index (language, idField, fields).
import { Osprey } from '../osprey.js';

const searcher = await Osprey.open('../index/news.osp');
const result = await searcher.search('torture', { filters: { type: ['Press Release'] }, sort: 'date:desc', limit: 5 });
window.__descriptor = { language: searcher.language, idField: searcher.idField, fields: searcher.fields };
window.__api = { thread: searcher.thread, urls: result.hits.map((h) => h.fields.url) };
