export { getKnowledgeNotes } from './loadOptions/getKnowledgeNotes';
export { getPlaybooks } from './loadOptions/getPlaybooks';
export { getSecrets } from './loadOptions/getSecrets';
export { searchKnowledgeNotes } from './listSearch/searchKnowledgeNotes';
export { searchPlaybooks } from './listSearch/searchPlaybooks';
export { searchSchedules } from './listSearch/searchSchedules';
export { searchSecrets } from './listSearch/searchSecrets';
export { searchSessions } from './listSearch/searchSessions';
