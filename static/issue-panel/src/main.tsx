import { mount } from '../../common/mount';
import { IssuePanelApp } from './issue-panel-app';

mount(<IssuePanelApp />);
