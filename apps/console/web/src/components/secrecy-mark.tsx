import { useTranslation } from 'react-i18next';
import type { components } from '../api/generated/intake';
import classes from './secrecy-mark.module.css';

export type Secrecy = components['schemas']['Secrecy'];

/**
 * A secret document's mark, in red as it is stamped on paper (MẬT, TỐI MẬT, TUYỆT MẬT), wherever
 * the document is listed. A document that is not secret has none.
 */
export function SecrecyMark({ secrecy }: { secrecy: Secrecy | undefined }) {
  const { t } = useTranslation();
  if (!secrecy || secrecy === 'none') return null;
  return <span className={classes.mark}>{t(`secrecy.${secrecy}`)}</span>;
}
