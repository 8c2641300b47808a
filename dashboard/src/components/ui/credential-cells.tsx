import { useTranslation } from 'react-i18next';

/** A credential's state (valid or revoked) as the meeting's and the organisation's lists show it. */
export function CredentialState({ revoked }: { revoked: boolean }) {
  const { t } = useTranslation();
  return <>{revoked ? `✗ ${t('credentials.revoked')}` : `✓ ${t('credentials.active')}`}</>;
}

/** Opens the confirmation that revokes one credential, named for screen readers by its id. */
export function RevokeCredentialButton({
  credentialId,
  disabled,
  onClick,
}: {
  credentialId: string;
  disabled: boolean;
  onClick: () => void;
}) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="btn btn-small btn-danger"
      disabled={disabled}
      onClick={onClick}
      aria-label={t('credentials.revokeNamed', { id: credentialId })}
    >
      {t('credentials.revoke')}
    </button>
  );
}
