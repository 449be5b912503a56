// The corpus: messy logs written for these tests (not copies of real logs), one per family of entry styles agents
// write. Imported as text by the unit tests; the e2e tests read the same files from disk.
import agentlog from './corpus/agentlog.txt?raw';
import bullets from './corpus/bullets.txt?raw';
import paragraphs from './corpus/paragraphs.txt?raw';
import sections from './corpus/sections.txt?raw';
import tail from './corpus/tail.txt?raw';

/** The readable logs of the corpus (`empty.txt` and `no-open.txt` are the two unreadable ones). */
export const CORPUS = { bullets, paragraphs, sections, agentlog, tail } as const;
