// What the desktop knows: the agent, the calls on screen and their pops, the connection.

export const desk = {
  lang: initialLanguage(), agent: null, connection: null, dispositions: [], agentState: 'notReady',
  calls: new Map(), order: [], picking: false, stopping: false, watching: null, createIn: null, createFor: null, createKey: null,
};

function initialLanguage() {
  const saved = localStorage.getItem('switchboard.lang');
  if (saved === 'en' || saved === 'zh') return saved;
  return (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
