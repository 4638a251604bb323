// Site labels come with every kind of decoration: full-width characters, spaces inside words ("政 策 文 件"),
// quotes of any style around 好差评, trailing ">>"/"更多" and punctuation. Labels are compared after this.
import { memoizeString } from './memoize.js';

const DECORATION = /[\s\u00a0\u3000"'“”‘’「」『』〝〞〃·•・、，,。.:：;；!！?？()（）[\]【】〔〕<>《》〈〉»«>|/\\_\-—–~～*＊#＃]+/g;

/** Normalise a column label for comparison (NFKC, no spaces, quotes or punctuation, no trailing 更多/栏目). */
export const normalizeLabel: (label: string) => string = memoizeString(computeNormalizeLabel);

function computeNormalizeLabel(label: string): string {
  let s = label.normalize('NFKC').replace(DECORATION, '');
  s = s.replace(/(更多|more)$/i, '');
  s = s.replace(/(专栏|栏目|专题)$/, '');
  return s;
}
