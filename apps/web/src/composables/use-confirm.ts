import { ElMessageBox } from 'element-plus';
import 'element-plus/es/components/message-box/style/css';
import { useI18n } from 'vue-i18n';

/**
 * Asks before something that cannot be taken back: answers whether the user confirmed (false when
 * they cancelled or closed the box). `confirmText` names the action on its button; `danger` paints it red.
 */
export function useConfirm(): (
  message: string,
  heading: string,
  options?: { confirmText?: string; danger?: boolean },
) => Promise<boolean> {
  const { t } = useI18n();
  return async (message, heading, options = {}) => {
    try {
      await ElMessageBox.confirm(message, heading, {
        type: 'warning',
        confirmButtonText: options.confirmText ?? t('common.confirm'),
        cancelButtonText: t('common.cancel'),
        ...(options.danger ? { confirmButtonClass: 'el-button--danger' } : {}),
      });
      return true;
    } catch {
      return false;
    }
  };
}
