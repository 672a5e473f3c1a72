import { AppError } from '../../shared/errors';

/** Placeholder while an operation is being built in this branch; never shipped (every caller is replaced). */
export const pending = async (): Promise<never> => {
  throw new AppError('INTERNAL', 'Not built yet.');
};
