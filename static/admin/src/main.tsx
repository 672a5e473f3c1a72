import { mount } from '../../common/mount';
import { AdminApp } from './admin-app';

mount(<AdminApp />);
