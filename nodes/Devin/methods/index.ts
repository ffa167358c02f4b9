export { searchSessions } from './listSearch/searchSessions';
