/**
 * The language the command line speaks: `--lang en|zh-cn` anywhere on the command line, else the POSIX
 * locale (LC_ALL, then LC_MESSAGES, then LANG: the first one set decides). A Simplified Chinese locale
 * (zh_CN, zh_SG, zh_Hans) speaks Chinese; every other locale, C and POSIX included, English.
 */
import { ADVICE_LANGUAGES, type AdviceLanguage } from '../engine/advise/messages';
import { parseChoice } from './args';

export const LANGUAGE_FLAG = '--lang';
export const LANGUAGE_USAGE = `[${LANGUAGE_FLAG} ${ADVICE_LANGUAGES.join('|')}]`;

/** The language of the locale the environment names. */
export function localeLanguage(env: Readonly<Record<string, string | undefined>>): AdviceLanguage {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return /^zh(_(CN|SG)|[-_]Hans)\b/i.test(locale ?? '') ? 'zh-cn' : 'en';
}

/**
 * The arguments without `--lang X` / `--lang=X`, and the language they and the environment choose (a
 * `--lang` value that is not a language is refused, in the environment's language).
 */
export function takeLanguageFlag(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { args: string[]; language: AdviceLanguage; given?: string } {
  const args: string[] = [];
  let given: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === LANGUAGE_FLAG) given = argv[++i] ?? '';
    else if (argv[i].startsWith(`${LANGUAGE_FLAG}=`)) given = argv[i].slice(LANGUAGE_FLAG.length + 1);
    else args.push(argv[i]);
  }
  return { args, language: localeLanguage(env), given };
}

/** The language `--lang` names (throws a UsageError naming the flag and the value otherwise). */
export function languageFlag(given: string): AdviceLanguage {
  return parseChoice(LANGUAGE_FLAG, given, ADVICE_LANGUAGES);
}
