import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../lib/i18n';

const SHORT: Record<(typeof LANGUAGES)[number], string> = { 'zh-CN': 'ZH', en: 'EN' };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="segmented" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          className="btn"
          lang={lng}
          aria-pressed={i18n.language === lng}
          aria-label={t(`language.${lng}`)}
          title={t(`language.${lng}`)}
          onClick={() => {
            void i18n.changeLanguage(lng);
          }}
        >
          {SHORT[lng]}
        </button>
      ))}
    </div>
  );
}
