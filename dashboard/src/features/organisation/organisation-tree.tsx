import { useTranslation } from 'react-i18next';
import type { OrganisationNode } from '@tallyroom/contracts';

/** Every organisation below this one, as nested lists; choosing one makes it the place of the next meeting. */
export function OrganisationTree({
  node,
  selected,
  onSelect,
}: {
  node: OrganisationNode;
  selected: string;
  onSelect: (organisationId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <li>
      <button
        type="button"
        className={`btn btn-link${selected === node.organisationId ? ' is-selected' : ''}`}
        aria-pressed={selected === node.organisationId}
        onClick={() => onSelect(node.organisationId)}
      >
        {node.name}
      </button>{' '}
      <span className="small muted">{t(`organisation.kinds.${node.kind}`)}</span>
      {node.children.length > 0 && (
        <ul>
          {node.children.map((c) => (
            <OrganisationTree key={c.organisationId} node={c} selected={selected} onSelect={onSelect} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The node with this id in the tree, if it is there. */
export function findNode(node: OrganisationNode, organisationId: string): OrganisationNode | undefined {
  if (node.organisationId === organisationId) return node;
  for (const c of node.children) {
    const found = findNode(c, organisationId);
    if (found) return found;
  }
  return undefined;
}
