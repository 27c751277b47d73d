/** A field's problem in words, right below it, announced to screen readers with the field. */
export const FieldProblem = ({ id, problem }: { id: string; problem: string | undefined }) =>
  problem === undefined ? null : (
    <span className="field-problem" id={id} data-testid={id}>
      {problem}
    </span>
  );

/** The attributes that tie a field to its problem. */
export const invalidProps = (problem: string | undefined, id: string) =>
  problem === undefined ? {} : { 'aria-invalid': true as const, 'aria-describedby': id };
