import { mount } from '../../common/mount';
import { PortalApp } from './portal-app';

mount(<PortalApp />);
