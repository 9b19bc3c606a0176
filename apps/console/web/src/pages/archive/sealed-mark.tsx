import { useArchiveTexts } from './texts';
import classes from './sealed-mark.module.css';

/**
 * In place of a sealed (secret) package's subject, which the archive keeps encrypted: said in
 * red, beside the secrecy mark, so a secret package stands out in any list.
 */
export function SealedMark() {
  const { t } = useArchiveTexts();
  return <span className={classes.sealed}>{t('sealed')}</span>;
}
