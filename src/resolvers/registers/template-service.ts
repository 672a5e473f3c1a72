import {
  addDuty,
  addRole,
  copyTemplate,
  editDuty,
  removeDuty,
  removeRole,
  renameRole,
  renameTemplate,
  setCondition,
  setCounts,
  setPremium,
  setRoleDescription,
  setTemplateDescription,
} from '../../domain/template-editing';
import { AppError } from '../../shared/errors';
import type { TemplateEdit } from '../../shared/registers';
import type { LocalizedText, Template, TemplateEditResult } from '../../shared/templates';
import { listCustomTemplates, MAX_CUSTOM_TEMPLATES, readTemplate, saveTemplate } from '../../storage/template-repository';
import { requestCoverageRefresh } from '../../triggers/refresh-coverage';

/**
 * Admins' template editing: the pure edits of template-editing.ts, stored conditional on the version the admin read.
 * Edits that change what coverage checks (roles, counts, conditions, premium) queue a refresh of every register's
 * stored coverage rank, since registers that use the template now rank differently.
 */

/** Template edit failures as app errors: the template edit code travels as the path. */
function checked(result: TemplateEditResult): Template {
  if (result.ok) return result.template;
  const code = result.code === 'BUILT_IN_READ_ONLY' ? 'FORBIDDEN' : result.code === 'UNKNOWN_ROLE' || result.code === 'UNKNOWN_DUTY' ? 'NOT_FOUND' : 'INVALID_INPUT';
  throw new AppError(code, result.message, [{ path: result.code, message: result.message }]);
}

export async function copyTemplateAs(sourceKey: string, newKey: string, name: LocalizedText, actor: string): Promise<Template> {
  const [source, custom] = await Promise.all([readTemplate(sourceKey), listCustomTemplates()]);
  if (!source) throw new AppError('NOT_FOUND', `There is no template "${sourceKey}" to copy.`);
  if (custom.length >= MAX_CUSTOM_TEMPLATES) throw new AppError('INVALID_INPUT', `A site keeps at most ${MAX_CUSTOM_TEMPLATES} templates of its own.`);
  const copy = checked(copyTemplate(source, newKey, name, custom.map((t) => t.key)));
  return saveTemplate(copy, actor, { action: 'template.copy', before: null, after: { key: copy.key, basedOn: source.key } });
}

const COVERAGE_EDITS: ReadonlyArray<TemplateEdit['kind']> = ['role/add', 'role/remove', 'role/counts', 'role/condition', 'role/premium'];

export function applyTemplateEdit(template: Template, edit: TemplateEdit): TemplateEditResult {
  switch (edit.kind) {
    case 'template/rename':
      return renameTemplate(template, edit.name);
    case 'template/describe':
      return setTemplateDescription(template, edit.description);
    case 'role/rename':
      return renameRole(template, edit.roleKey, edit.name);
    case 'role/describe':
      return setRoleDescription(template, edit.roleKey, edit.description);
    case 'role/add':
      return addRole(template, edit.role);
    case 'role/remove':
      return removeRole(template, edit.roleKey);
    case 'role/counts':
      return setCounts(template, edit.roleKey, { required: edit.required, recommended: edit.recommended });
    case 'role/condition':
      return setCondition(template, edit.roleKey, edit.condition ?? undefined);
    case 'role/premium':
      return setPremium(template, edit.roleKey, edit.premiumServiceWhenMissing);
    case 'duty/add':
      return addDuty(template, edit.roleKey, edit.text);
    case 'duty/edit':
      return editDuty(template, edit.roleKey, edit.dutyKey, edit.text);
    case 'duty/remove':
      return removeDuty(template, edit.roleKey, edit.dutyKey);
  }
}

export async function updateTemplate(templateKey: string, expectedVersion: number, edit: TemplateEdit, actor: string): Promise<Template> {
  const template = await readTemplate(templateKey);
  if (!template) throw new AppError('NOT_FOUND', `There is no template "${templateKey}".`);
  if (!template.builtIn && template.version !== expectedVersion) {
    throw new AppError('CONFLICT', 'This template was changed by someone else meanwhile. Reload to see their change, then try again.');
  }
  const edited = checked(applyTemplateEdit(template, edit));
  const saved = await saveTemplate(edited, actor, { action: `template.${edit.kind.replace('/', '.')}`, before: template, after: edited });
  if (COVERAGE_EDITS.includes(edit.kind)) await requestCoverageRefresh('template-changed');
  return saved;
}
