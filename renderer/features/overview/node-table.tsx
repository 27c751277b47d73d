import type { PrimaryNode } from '../../../shared/model';
import { formatOptionalDuration } from '../../../shared/logic/units';
import { StatusDot } from '../../components/status';

/** Which cluster member a configured node is, and how Fleetscope told (URL host or name). */
function memberLabel(node: PrimaryNode): string {
  if (!node.clusterMember) return node.baseUrl === null ? '—' : 'not a member';
  if (node.matchedBy === null) return node.baseUrl === null ? 'member (not configured)' : (node.memberName ?? 'member');
  const where = node.address ? ` at ${node.address}` : '';
  return `${node.memberName ?? node.name}${where} (matched by ${node.matchedBy === 'address' ? 'URL host' : 'name'})`;
}

/** The primary's cluster nodes, one row each. */
export const NodeTable = ({ nodes }: { nodes: readonly PrimaryNode[] }) => {
  if (nodes.length === 0) return <p className="muted small">No nodes reported.</p>;
  return (
    <table className="node-table">
      <thead>
        <tr>
          <th scope="col">Node</th>
          <th scope="col">Cluster member</th>
          <th scope="col">State</th>
          <th scope="col">Build</th>
          <th scope="col" className="num">
            Response
          </th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {nodes.map((node) => (
          <tr key={node.id ?? node.name} data-testid="node-row" data-node-name={node.name} data-status={node.status}>
            <td>
              <span className="node-table__name" title={node.address ?? undefined}>
                <StatusDot status={node.status} label={`Status: ${node.status}`} />
                {node.name}
              </span>
            </td>
            <td data-testid="node-member">{memberLabel(node)}</td>
            <td className="mono">{node.state ?? '—'}</td>
            <td className="mono">{node.buildVersion ?? '—'}</td>
            <td className="num">{formatOptionalDuration(node.responseMs)}</td>
            <td className="node-table__message">{node.message ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};
