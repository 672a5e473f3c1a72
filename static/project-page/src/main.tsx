import { mount } from '../../common/mount';
import { ProjectPageApp } from './project-page-app';

mount(<ProjectPageApp />);
