import { message } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { createContext, useContext, type ReactNode } from 'react';

const MessageContext = createContext<MessageInstance | null>(null);

/**
 * Toasts (`message.success('WO-… 已回访')`) themed by the ConfigProvider. Only the message API: antd's
 * `App` would also put Modal and notification into the shell every screen loads first; screens that
 * need a modal import it themselves.
 */
export function FeedbackProvider({ children }: { children: ReactNode }) {
  const [api, holder] = message.useMessage();
  return (
    <MessageContext.Provider value={api}>
      {holder}
      {children}
    </MessageContext.Provider>
  );
}

export function useMessage(): MessageInstance {
  const api = useContext(MessageContext);
  if (!api) throw new Error('useMessage outside FeedbackProvider');
  return api;
}
